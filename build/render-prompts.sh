#!/usr/bin/env bash
# Renders the system prompt catalogue (stdlib/prompts/<language>.json) to artifacts/prompts/<language>/<name>.wav,
# 8 kHz mono µ-law, with espeak-ng (docs/speech.md). Files already up to date are skipped, so a second run takes
# well under a second; the same espeak-ng version gives the same bytes.
#
#   build/render-prompts.sh                       every catalogued language
#   build/render-prompts.sh --language fr,de      some of them
#   build/render-prompts.sh --force               render everything again
#   build/render-prompts.sh --out /srv/prompts    elsewhere (the server's system prompt folder)
#
# Exit code 0 when every prompt is there, 1 when some failed, 2 on a bad argument, 3 without espeak-ng.
set -euo pipefail

cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

if ! command -v espeak-ng >/dev/null 2>&1; then
    echo "render-prompts: espeak-ng is not installed (Debian: sudo apt-get install espeak-ng)" >&2
    exit 3
fi

# Later options win, so --out on the command line replaces the default below.
exec dotnet run --project runtime/CallFlow.Speech.Render -c Release -- --catalogue stdlib/prompts --out artifacts/prompts "$@"
