"""Archive a finished client's workspace and bring it back (archive NAME --undo) from the command line."""

from __future__ import annotations

from tests.cli.conftest import Cli


def test_unarchive_brings_an_archived_workspace_back(cli: Cli) -> None:
    assert cli("demo").code == 0
    count = cli("inbox", "demo", "--status", "all", "--json").json()
    assert cli("archive", "demo").code == 0
    assert cli("workspaces").out.split() == []
    assert cli("archive", "--list").out.split() == ["demo"]

    r = cli("archive", "demo", "--undo")
    assert r.code == 0, r.err
    assert "back from the archive" in r.out
    assert cli("workspaces").out.split() == ["demo"]
    assert cli("archive", "--list").out.split() == []
    assert cli("inbox", "demo", "--status", "all", "--json").json() == count  # every mention came back


def test_unarchive_explains_what_went_wrong(cli: Cli) -> None:
    assert cli("demo").code == 0
    missing = cli("archive", "nothing", "--undo")
    assert missing.code != 0 and "No archived workspace named 'nothing'" in missing.err
    assert "The archive is empty." in missing.err
    for no_name in (cli("archive", "--undo"), cli("archive")):
        assert no_name.code != 0 and "archive --list" in no_name.err

    assert cli("archive", "demo").code == 0
    assert cli("demo").code == 0  # a new workspace took the same name meanwhile
    clash = cli("archive", "demo", "--undo")
    assert clash.code != 0 and "already among the workspaces" in clash.err
    assert cli("archive", "--list").out.split() == ["demo"]  # nothing was moved
