#!/usr/bin/env bash
# DatasetIO interoperability checks (issue 4): our XPT read by pyreadstat, pyreadstat's XPT read
# by us, SAS-written CDISC XPTs through xpt -> json -> xpt, and our Dataset-JSON validated
# against the official v1.1 JSON Schema. Needs the Python packages pyreadstat, pandas and
# jsonschema (installed here from PyPI) and the trialdata executable (built here).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "ci: installing pyreadstat, pandas, jsonschema for the DatasetIO interop checks"
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore pyreadstat pandas jsonschema

swift build --product trialdata
python3 Tests/DatasetIOTests/Interop/interop.py "$(swift build --show-bin-path)/trialdata"
