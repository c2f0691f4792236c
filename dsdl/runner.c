/* SPDX-License-Identifier: MIT */
/*
 * runner.c - rgmd-runner, the method runner. rgmd forks, puts the child in
 * its own process group and execs
 *
 *     rgmd-runner METHOD /path/to/module.so      (context on fd 3)
 *     rgmd-runner --describe /path/to/module.so
 *
 * The runner dlopens the type's module, checks the exported table's ABI
 * version, builds a libdsdl handle from the method context that rgmd wrote
 * to a memfd on fd 3, calls the method and exits with its return value
 * (a non-zero multiple of 256 becomes 1; a method the type does not have
 * is a success). --describe prints "abi=N name=T methods=a,b,..." for
 * rgmd's registration checks.
 *
 * Exit codes of its own: 120 bad usage or context, 121 module cannot be
 * loaded or has no table, 122 wrong ABI version. On SIGTERM (rgmd's method
 * time-out) it kills the process groups that dsdl_run started and exits
 * with 128 + SIGTERM, so nothing of the method is left behind.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dsdl_impl.h"

#define EXIT_USAGE	120
#define EXIT_MODULE	121
#define EXIT_ABI	122
#define CONTEXT_FD	3

static const struct {
	const char	*name;
	size_t		 off;
} methods[] = {
#define M(n) { #n, offsetof(struct dsdl_type_ops, n) }
	M(start), M(stop), M(validate), M(update), M(init), M(fini),
	M(boot), M(prenet_start), M(postnet_stop), M(monitor_start),
	M(monitor_stop), M(monitor_check), M(probe),
#undef M
};
#define NMETHODS (sizeof(methods) / sizeof(methods[0]))

static dsdl_method_fn
method_fn(const struct dsdl_type_ops *ops, size_t i)
{
	dsdl_method_fn fn;

	memcpy(&fn, (const char *)ops + methods[i].off, sizeof(fn));
	return fn;
}

static int
method_index(const char *name)
{
	size_t i;

	for (i = 0; i < NMETHODS; i++)
		if (strcasecmp(methods[i].name, name) == 0)
			return (int)i;
	return -1;
}

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: rgmd-runner METHOD MODULE.so  (context on "
	    "fd 3)\n       rgmd-runner --describe MODULE.so\n");
	exit(EXIT_USAGE);
}

/* dlopen the module and check its table; exits 121/122 on failure. */
static const struct dsdl_type_ops *
load_module(const char *path)
{
	const struct dsdl_type_ops *ops;
	void *dl;

	dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (dl == NULL) {
		fprintf(stderr, "rgmd-runner: %s: cannot load: %s\n", path,
		    dlerror());
		exit(EXIT_MODULE);
	}
	ops = dlsym(dl, DSDL_TYPE_SYMBOL);
	if (ops == NULL) {
		fprintf(stderr, "rgmd-runner: %s: no symbol \"%s\": not a "
		    "resource type module\n", path, DSDL_TYPE_SYMBOL);
		exit(EXIT_MODULE);
	}
	if (ops->abi_version != DSDL_ABI_VERSION) {
		fprintf(stderr, "rgmd-runner: %s: wrong ABI version: the "
		    "module has %u, this runner expects %d\n", path,
		    ops->abi_version, DSDL_ABI_VERSION);
		exit(EXIT_ABI);
	}
	if (ops->name == NULL || ops->name[0] == '\0') {
		fprintf(stderr, "rgmd-runner: %s: the type table has no "
		    "name\n", path);
		exit(EXIT_MODULE);
	}
	return ops;
}

static int
describe(const struct dsdl_type_ops *ops)
{
	const char *sep = "";
	size_t i;

	printf("abi=%u name=%s methods=", ops->abi_version, ops->name);
	for (i = 0; i < NMETHODS; i++) {
		if (method_fn(ops, i) == NULL)
			continue;
		printf("%s%s", sep, methods[i].name);
		sep = ",";
	}
	printf("\n");
	return fflush(stdout) == 0 ? 0 : EXIT_USAGE;
}

static void
on_term(int sig)
{
	dsdl_run_kill_all();
	_exit(128 + sig);
}

static void
catch_term(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGTERM, &sa, NULL);
}

/* Build the handle from fd 3, call the method, return its exit status. */
static int
run_method(const struct dsdl_type_ops *ops, int mi, const char *path)
{
	dsdl_method_fn fn = method_fn(ops, (size_t)mi);
	char err[512];
	struct dsdl *h;
	int rc;

	if (fcntl(CONTEXT_FD, F_GETFD) == -1) {
		fprintf(stderr, "rgmd-runner: %s %s: no method context on "
		    "fd %d\n", methods[mi].name, path, CONTEXT_FD);
		return EXIT_USAGE;
	}
	h = dsdl_open_fd(CONTEXT_FD, methods[mi].name, err, sizeof(err));
	(void)close(CONTEXT_FD);
	if (h == NULL) {
		fprintf(stderr, "rgmd-runner: %s %s: %s\n", methods[mi].name,
		    path, err);
		return EXIT_USAGE;
	}
	rc = fn == NULL ? 0 : fn(h);
	dsdl_close(h);
	if (rc != 0 && rc % 256 == 0)
		rc = 1;
	return rc & 0xff;
}

int
main(int argc, char **argv)
{
	const struct dsdl_type_ops *ops;
	int mi;

	if (argc == 2 && strcmp(argv[1], "-V") == 0)
		return puts("rgmd-runner " RGM_VERSION) == EOF;
	if (argc == 2 && strcmp(argv[1], "-h") == 0)
		return printf("usage: rgmd-runner METHOD MODULE.so  (context on "
		    "fd 3)\n       rgmd-runner --describe MODULE.so\n") < 0;
	if (argc != 3)
		usage();
	catch_term();
	if (strcmp(argv[1], "--describe") == 0)
		return describe(load_module(argv[2]));
	mi = method_index(argv[1]);
	if (mi == -1) {
		fprintf(stderr, "rgmd-runner: %s: unknown method\n", argv[1]);
		return EXIT_USAGE;
	}
	ops = load_module(argv[2]);
	return run_method(ops, mi, argv[2]);
}
