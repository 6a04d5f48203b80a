"""What the command line says is Indonesian, argparse's own texts included."""

import pytest

from xlplugin.cli.main import main


def test_unknown_report_kind_is_refused_in_indonesian(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "berkas.xlsm", "--jenis", "bulanan"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "pilihan tidak sah" in err and "invalid choice" not in err


def test_missing_file_argument_is_named_in_indonesian(capsys):
    with pytest.raises(SystemExit):
        main(["validate"])
    err = capsys.readouterr().err
    assert "wajib diisi" in err and "required" not in err
