# SPDX-License-Identifier: MIT
# Build rules for rgmd/ (included by the top GNUmakefile).
