# SPDX-License-Identifier: MIT
# Build rules for rtypes/ (included by the top GNUmakefile).
