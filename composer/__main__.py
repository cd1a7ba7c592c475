"""Allow ``python -m composer``.

Ctrl-C while the interpreter is still importing (before ``main`` installs its handlers) is
the same one line and exit 130, not a traceback through the import machinery.
"""

import sys

try:
    from composer.cli import main
except KeyboardInterrupt:
    print("compose: interrupted (Ctrl-C); no output was changed", file=sys.stderr)
    sys.exit(130)

main()
