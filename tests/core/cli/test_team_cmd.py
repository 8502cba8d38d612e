"""`candour team` is for a server; on a file it says so and changes nothing."""

from core.cli.main import main


def test_team_mode_on_a_file_is_refused_in_one_sentence(sqlite_file, register, capsys):
    db_path = sqlite_file
    before = db_path.read_bytes()
    assert main(["--db", str(db_path), "team", "init"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"candour: {db_path} is a file on one computer; team mode needs a PostgreSQL server (give its "
        "URL with --db or CANDOUR_DB).\n"
    )
    assert (
        main(
            [
                "--db",
                str(db_path),
                "team",
                "add-person",
                "Ann Lee",
                "--login",
                "ann",
                "--role",
                "owner",
                "--password",
                "x",
            ]
        )
        == 2
    )
    assert db_path.read_bytes() == before
