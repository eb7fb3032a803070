from pathlib import Path

from tests.conftest import Cli, rows


def test_add_then_list_shows_the_entry(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "Hugged @Sam after a long day #touch", "-c", "4")
    result = cli.ok("list")
    assert "Hugged @Sam after a long day" in result.stdout
    assert rows(db_path, "SELECT text, closeness FROM entry") == [
        ("Hugged @Sam after a long day #touch", 4)
    ]
