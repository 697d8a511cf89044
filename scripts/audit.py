"""Ask pip-audit about every package installed in .venv (the pinned ones and what they pull in)
and print one summary: how many were audited, every known vulnerability, and every package the
vulnerability service could not answer for.

Exits 1 on a known vulnerability. A package the service cannot answer for is listed by name and
does not fail the run: on a machine whose PyPI mirror has no per-version pages (this project's
build machines), that is every package, and the summary says so rather than claiming "none found".
Set AUDIT_STRICT=1 to fail on those too, where the real service is reachable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys


def main() -> int:
    run = subprocess.run(
        [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--format", "json"],
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(run.stderr.strip() or run.stdout.strip(), file=sys.stderr)
        print("pip-audit gave no report; see above.", file=sys.stderr)
        return 1
    packages = report["dependencies"]
    skipped = [p for p in packages if "skip_reason" in p]
    found = [(p, v) for p in packages for v in p.get("vulns", [])]
    audited = len(packages) - len(skipped)
    print(f"pip-audit: {audited} of {len(packages)} installed packages audited, ", end="")
    print(f"{len(found)} known vulnerabilities.")
    for package, vuln in found:
        fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
        print(f"  {package['name']} {package['version']}: {vuln['id']} (fixed in {fixes})")
    if skipped:
        names = ", ".join(p["name"] for p in skipped)
        print(f"  NOT AUDITED ({len(skipped)}): the vulnerability service did not answer for {names}")
    if found or (skipped and os.environ.get("AUDIT_STRICT") == "1"):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
