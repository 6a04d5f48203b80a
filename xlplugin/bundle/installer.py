"""The double-click Windows scripts of the bundle (install.bat, uninstall.bat), as text.

cmd.exe reads .bat files in the OEM code page with CRLF line ends, so the scripts are
ASCII only and written with CRLF.

install.bat creates a virtual environment the product owns at `ENV_DIR_WIN` (the
folder the template's xlwings.conf sheet names) from the python.org Python it finds,
and installs the bundled wheels into it with that environment's own pip, offline. Not
`pip install --user`: that puts xlwings' DLL in %APPDATA%\\Python, where xlwings'
VBA never looks. No administrator rights are needed (the folder is the user's own).
Running it again reuses the environment when its Python is the version found (else
builds it anew), installs the bundle's exact pins and reinstalls our wheel, so a newer
bundle upgrades. SELESAI is printed only after the environment's Python has checked
that the workbook will find it (`xlplugin.bundle.winsetup`). No `xlwings addin
install`: the template carries xlwings' standalone VBA module.
"""

from __future__ import annotations

from pathlib import Path

from ..template.sheets.config import ENV_DIR_WIN, HOME_WIN

WHEELS = "wheels"

# Excel holds xlwings' DLL and the UDF server holds the environment's files open;
# pip and rmdir fail on them, so both scripts wait until Excel is closed.
_WAIT_FOR_EXCEL = r"""
:checkexcel
tasklist /fi "imagename eq excel.exe" 2>nul | find /i "excel.exe" >nul || goto excelclosed
echo Excel masih terbuka. Simpan pekerjaan Anda dan tutup semua jendela Excel,
echo lalu tekan sembarang tombol di jendela ini (tutup jendela ini untuk membatalkan).
pause >nul
goto checkexcel
:excelclosed
"""

INSTALL = r"""@echo off
rem Pemasang xlplugin {version} (buku kerja RAB/KAK DAK Nonfisik Sentra IKM).
rem Dibuat otomatis oleh "xlplugin bundle"; jangan diubah dengan tangan.
rem Membuat lingkungan Python khusus xlplugin di {env_dir}
rem dan memasang paket dari folder "{wheels}" di sebelah berkas ini ke dalamnya, hanya
rem untuk pengguna ini, tanpa internet dan tanpa hak administrator. Aman dijalankan
rem berulang kali; paket yang lebih baru menggantikan yang lama.
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
if not defined LOCALAPPDATA goto nolocalappdata
set "XLP_HOME={home}"
set "XLP_VENV={env_dir}"
set "XLP_PY=%XLP_VENV%\Scripts\python.exe"

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
rem Python dari Microsoft Store menulis ke salinan pribadi AppData, yang tidak terlihat
rem oleh Excel; wheel paket ini hanya untuk Python 64-bit.
%PYEXE% -c "import sys; sys.exit(3 if 'WindowsApps' in sys.executable else 4 if sys.maxsize < 2**32 else 0)" >nul 2>&1
if errorlevel 4 goto python32
if errorlevel 3 goto storepython
echo Python ditemukan: %PYEXE% (versi %PYVER%)
{wait_for_excel}
rem Lingkungan yang ada dipakai lagi bila Python-nya versi yang sama dan masih berjalan.
if not exist "%XLP_PY%" goto makevenv
"%XLP_PY%" -I -c "import sys; sys.exit('.'.join(map(str, sys.version_info[:2])) != '%PYVER%')" >nul 2>&1 && goto venvready
echo Lingkungan Python lama tidak cocok dengan Python %PYVER%; dibuat ulang.

:makevenv
if exist "%XLP_VENV%" rmdir /s /q "%XLP_VENV%"
if exist "%XLP_VENV%" goto venvlocked
if not exist "%XLP_HOME%" mkdir "%XLP_HOME%"
echo Membuat lingkungan Python di %XLP_VENV% ...
%PYEXE% -m venv "%XLP_VENV%"
if errorlevel 1 goto venvfailed
if not exist "%XLP_PY%" goto venvfailed

:venvready
echo.
echo Memasang paket dari folder {wheels} (tanpa internet) ...
"%XLP_PY%" -I -m pip install --isolated --no-index --find-links "%~dp0{wheels}" --no-warn-script-location --disable-pip-version-check --requirement "%~dp0{wheels}\requirements-py%PYVER%.txt"
if errorlevel 1 goto pipfailed
"%XLP_PY%" -I -m pip install --isolated --no-index --find-links "%~dp0{wheels}" --force-reinstall --no-deps --no-warn-script-location --disable-pip-version-check "%~dp0{wheels}\{own_wheel}"
if errorlevel 1 goto pipfailed
echo.
echo Memeriksa hasil pemasangan ...
"%XLP_PY%" -I -m xlplugin.bundle.winsetup
if errorlevel 1 goto verifyfailed
rem Berkas dari surel/unduhan ditandai "dari internet"; buka tandanya agar makro tidak diblokir.
powershell -NoProfile -ExecutionPolicy Bypass -Command "Get-ChildItem -LiteralPath '%~dp0' -Recurse | Unblock-File" >nul 2>&1
echo.
echo SELESAI. Buka templat {template} di folder ini,
echo klik "Aktifkan Konten" (Enable Content), lalu pakai tab "DAK Nonfisik" pada pita.
echo Untuk menghapus xlplugin kelak, jalankan uninstall.bat.
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

:storepython
echo Python yang ditemukan berasal dari Microsoft Store dan tidak dapat dipakai Excel.
echo Pasang Python {first_version} (64-bit) dari https://www.python.org/downloads/windows/
echo (boleh berdampingan), lalu jalankan lagi install.bat ini.
goto end

:python32
echo Python yang ditemukan adalah versi 32-bit; paket ini membutuhkan Python 64-bit.
echo Pasang Python {first_version} (Windows installer 64-bit) dari
echo https://www.python.org/downloads/windows/ lalu jalankan lagi install.bat ini.
goto end

:nolocalappdata
echo PEMASANGAN GAGAL: variabel LOCALAPPDATA tidak ada pada akun Windows ini.
echo Kirim tangkapan layar jendela ini kepada pengelola aplikasi.
goto end

:venvlocked
echo.
echo PEMASANGAN GAGAL: folder %XLP_VENV% tidak dapat dihapus.
echo Tutup Excel dan program Python yang masih berjalan (atau mulai ulang komputer),
echo lalu jalankan lagi install.bat ini.
goto end

:venvfailed
echo.
echo PEMASANGAN GAGAL: lingkungan Python tidak dapat dibuat di %XLP_VENV%.
echo Pasang ulang Python {first_version} dari python.org (pilihan "pip" tercentang),
echo lalu jalankan lagi install.bat ini. Pesan di atas menjelaskan sebabnya.
goto end

:pipfailed
echo.
echo PEMASANGAN GAGAL. Pesan di atas menjelaskan sebabnya.
echo Kirim tangkapan layar jendela ini kepada pengelola aplikasi.
goto end

:verifyfailed
echo.
echo PEMASANGAN BELUM LENGKAP: buku kerja belum akan menemukan Python-nya (lihat di atas).
echo Jalankan lagi install.bat ini; bila tetap gagal, kirim tangkapan layar jendela ini
echo kepada pengelola aplikasi.
goto end

:end
echo.
pause
endlocal
"""

UNINSTALL = r"""@echo off
rem Penghapus xlplugin {version} (buku kerja RAB/KAK DAK Nonfisik Sentra IKM).
rem Dibuat otomatis oleh "xlplugin bundle"; jangan diubah dengan tangan.
rem Menghapus folder {home} (lingkungan Python khusus xlplugin yang dibuat
rem oleh install.bat), setelah meminta persetujuan. Buku kerja, laporan dan Python
rem dari python.org tidak disentuh.
setlocal EnableExtensions
title Penghapusan xlplugin
echo.
echo ================================================================
echo  Penghapusan xlplugin - DAK Nonfisik Sentra IKM
echo ================================================================
echo.
if not defined LOCALAPPDATA goto nothing
set "XLP_HOME={home}"
if not exist "%XLP_HOME%" goto nothing
echo Yang akan dihapus: folder %XLP_HOME%
echo berisi lingkungan Python khusus xlplugin yang dibuat oleh install.bat.
echo Buku kerja, laporan, dan Python dari python.org TIDAK dihapus.
echo Setelah ini tombol Validasi, Ekspor Laporan dan Cetak KAK tidak berjalan sampai
echo install.bat dijalankan lagi.
echo.
set "JAWAB="
set /p "JAWAB=Ketik Y lalu tekan Enter untuk menghapus (tombol lain: batal): "
if /i not "%JAWAB%"=="Y" goto cancelled
{wait_for_excel}
rmdir /s /q "%XLP_HOME%"
if exist "%XLP_HOME%" goto failed
echo.
echo SELESAI. xlplugin telah dihapus dari akun Windows ini.
goto end

:nothing
echo xlplugin tidak terpasang pada akun Windows ini; tidak ada yang dihapus.
goto end

:cancelled
echo Dibatalkan; tidak ada yang dihapus.
goto end

:failed
echo.
echo PENGHAPUSAN BELUM LENGKAP: sebagian isi %XLP_HOME% masih dipakai.
echo Tutup Excel dan program Python yang masih berjalan (atau mulai ulang komputer),
echo lalu jalankan lagi uninstall.bat ini.
goto end

:end
echo.
pause
endlocal
"""


def render(version: str, own_wheel: str, wheels: list[str], versions: list[str],
           template: str) -> str:
    """The install.bat text (LF line ends; `write` turns them into CRLF)."""
    return _ascii(INSTALL.format(
        version=version, wheels=WHEELS, own_wheel=own_wheel, template=template,
        home=HOME_WIN, env_dir=ENV_DIR_WIN, wait_for_excel=_WAIT_FOR_EXCEL.strip("\n"),
        versions=" ".join(versions), versions_text=" atau ".join(versions),
        first_version=versions[0],
        wheel_lines="\n".join(f"rem   {name}" for name in sorted(wheels)),
    ), "install.bat")


def render_uninstall(version: str) -> str:
    """The uninstall.bat text (LF line ends; `write` turns them into CRLF)."""
    return _ascii(UNINSTALL.format(version=version, home=HOME_WIN,
                                   wait_for_excel=_WAIT_FOR_EXCEL.strip("\n")), "uninstall.bat")


def _ascii(text: str, name: str) -> str:
    if not text.isascii():
        raise ValueError(f"{name} harus ASCII")
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
