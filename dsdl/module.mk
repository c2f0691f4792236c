# SPDX-License-Identifier: MIT
# Build rules for dsdl/ (included by the top GNUmakefile).
