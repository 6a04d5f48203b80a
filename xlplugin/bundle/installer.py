"""The double-click Windows installer (install.bat) of the bundle, as text.

cmd.exe reads .bat files in the OEM code page with CRLF line ends, so the script is
ASCII only and written with CRLF. It installs for the current user only, from the
bundled wheels, without internet; running it again reinstalls (same version) or
upgrades (newer bundle). No `xlwings addin install`: the template carries xlwings'
standalone VBA module, so the add-in is not needed.
"""

from __future__ import annotations

from pathlib import Path

WHEELS = "wheels"

SCRIPT = r"""@echo off
rem Pemasang xlplugin {version} (buku kerja RAB/KAK DAK Nonfisik Sentra IKM).
rem Dibuat otomatis oleh "xlplugin bundle"; jangan diubah dengan tangan.
rem Memasang paket Python dari folder "{wheels}" di sebelah berkas ini, hanya untuk
rem pengguna ini, tanpa internet. Aman dijalankan berulang kali; paket yang lebih baru
rem menggantikan yang lama.
rem Wheel yang dipasang:
{wheel_lines}
setlocal EnableExtensions
cd /d "%~dp0"
title Pemasangan xlplugin {version}
echo.
echo ================================================================
echo  Pemasangan xlplugin {version} - DAK Nonfisik Sentra IKM
echo ================================================================
echo.

set "PYEXE="
set "PYVER="
rem 1) Peluncur "py" dari python.org, dengan versi Python yang didukung paket ini.
for %%V in ({versions}) do (
  if not defined PYEXE (
    py -%%V -c "import sys" >nul 2>&1 && set "PYEXE=py -%%V" && set "PYVER=%%V"
  )
)
if defined PYEXE goto found
rem 2) python.exe pada PATH (alias Microsoft Store tidak lolos uji ini).
for /f "tokens=1,2" %%A in ('python -c "import sys; print(*sys.version_info[:2])" 2^>nul') do set "PYVER=%%A.%%B"
if not defined PYVER goto nopython
echo  {versions} | findstr /c:" %PYVER%" >nul || goto wrongversion
set "PYEXE=python"

:found
echo Python ditemukan: %PYEXE% (versi %PYVER%)
%PYEXE% -m pip --version >nul 2>&1 || %PYEXE% -m ensurepip --user >nul 2>&1
echo.
echo Memasang paket dari folder {wheels} (tanpa internet) ...
%PYEXE% -m pip install --user --no-index --find-links "%~dp0{wheels}" --upgrade --no-warn-script-location --disable-pip-version-check --requirement "%~dp0{wheels}\requirements-py%PYVER%.txt"
if errorlevel 1 goto pipfailed
%PYEXE% -m pip install --user --no-index --find-links "%~dp0{wheels}" --force-reinstall --no-deps --no-warn-script-location --disable-pip-version-check "%~dp0{wheels}\{own_wheel}"
if errorlevel 1 goto pipfailed
%PYEXE% -m xlplugin.bundle.winsetup
if errorlevel 1 goto pipfailed
rem Berkas dari surel/unduhan ditandai "dari internet"; buka tandanya agar makro tidak diblokir.
powershell -NoProfile -ExecutionPolicy Bypass -Command "Get-ChildItem -LiteralPath '%~dp0' -Recurse | Unblock-File" >nul 2>&1
echo.
echo SELESAI. Buka templat {template} di folder ini,
echo klik "Aktifkan Konten" (Enable Content), lalu pakai tab "DAK Nonfisik" pada pita.
goto end

:nopython
echo PYTHON BELUM TERPASANG di komputer ini.
echo.
echo Yang perlu dilakukan:
echo  1. Unduh Python {first_version} (Windows installer 64-bit) dari
echo     https://www.python.org/downloads/windows/
echo     atau minta bantuan petugas TI kantor Anda.
echo  2. Saat memasang, centang "Add python.exe to PATH", lalu klik "Install Now".
echo  3. Jalankan lagi berkas install.bat ini.
echo.
echo Tanpa Python buku kerja tetap dapat diisi: rumus, rekap, daftar pilihan dan
echo pewarnaan sel tetap bekerja; hanya tombol Validasi dan Ekspor Laporan yang
echo membutuhkan Python.
goto end

:wrongversion
echo Python yang terpasang adalah versi %PYVER%, sedangkan paket ini dibuat untuk
echo Python {versions_text}.
echo Pasang Python {first_version} (64-bit) dari https://www.python.org/downloads/windows/
echo (boleh berdampingan dengan versi lain), lalu jalankan lagi install.bat ini.
goto end

:pipfailed
echo.
echo PEMASANGAN GAGAL. Pesan di atas menjelaskan sebabnya.
echo Kirim tangkapan layar jendela ini kepada pengelola aplikasi.
goto end

:end
echo.
pause
endlocal
"""


def render(version: str, own_wheel: str, wheels: list[str], versions: list[str],
           template: str) -> str:
    """The install.bat text (LF line ends; `write` turns them into CRLF)."""
    text = SCRIPT.format(
        version=version, wheels=WHEELS, own_wheel=own_wheel, template=template,
        versions=" ".join(versions), versions_text=" atau ".join(versions),
        first_version=versions[0],
        wheel_lines="\n".join(f"rem   {name}" for name in sorted(wheels)),
    )
    if not text.isascii():
        raise ValueError("install.bat harus ASCII")
    return text


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("ascii"))
    return path


def requirements_text(wheels: list[Path]) -> str:
    """Exact pins of the bundled dependency wheels (our own wheel is installed apart)."""
    from packaging.utils import parse_wheel_filename

    lines = []
    for path in wheels:
        name, version, _build, _tags = parse_wheel_filename(path.name)
        if name != "xlplugin":
            lines.append(f"{name}=={version}")
    return "\n".join(sorted(lines)) + "\n"
