# SPDX-License-Identifier: MIT
# Build rules for cli/ (included by the top GNUmakefile).
