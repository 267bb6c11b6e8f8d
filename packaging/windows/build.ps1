# Builds the Windows installer: PyInstaller bundle (packaging\hotich.spec) -> self-test -> Inno Setup.
# Run from the repository root in PowerShell:  powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Prerequisites (README.md here): Python 3.11 x64, Tesseract 5 (UB Mannheim) with vie/eng/osd, Inno Setup 6.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

$Tesseract = if ($env:HOTICH_TESSERACT) { $env:HOTICH_TESSERACT } else { "C:\Program Files\Tesseract-OCR\tesseract.exe" }
$Iscc = if ($env:ISCC) { $env:ISCC } else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
foreach ($need in @($Tesseract, $Iscc)) { if (-not (Test-Path $need)) { throw "missing: $need (see packaging\windows\README.md)" } }

if (-not (Test-Path ".venv\Scripts\python.exe")) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install -q --upgrade pip
.venv\Scripts\python -m pip install -q -e ".[bundle]"
$Version = (.venv\Scripts\python -c "import hotich_desktop; print(hotich_desktop.__version__)").Trim()

$env:HOTICH_TESSERACT = $Tesseract
.venv\Scripts\python -m PyInstaller --noconfirm --clean packaging\hotich.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The bundle must work on its own before it is packed: store, bundled Tesseract, one PDF <= 100 KB.
dist\hotich\hotich.exe --version
dist\hotich\hotich.exe --self-test
if ($LASTEXITCODE -ne 0) { throw "self-test of dist\hotich failed" }

& $Iscc "/DAppVersion=$Version" packaging\windows\hotich.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-Item "dist\installer\hotich-desktop-$Version-setup.exe"
