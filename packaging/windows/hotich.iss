; Windows installer for hotich_desktop (Inno Setup 6). Made from the PyInstaller bundle dist\hotich\ by
; packaging\windows\build.ps1, which passes /DAppVersion=<hotich_desktop.__version__>; see README.md here.
;
; Per-user install (no administrator needed on a commune PC), Start-menu entries, and an uninstaller that
; keeps the clerk's database and archive of originals unless the clerk says to delete them.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Số hóa sổ hộ tịch"
#define AppFolder "hotich_desktop"
#define AppExe "hotich-desktop.exe"
#define CliExe "hotich.exe"
#define DistDir "..\..\dist\hotich"
; The app's default data folder: platformdirs.user_data_dir("hotich_desktop", False) = %LOCALAPPDATA%\hotich_desktop
#define DataDir "{localappdata}\hotich_desktop"

[Setup]
AppId={{5B0E8D2C-7F3A-4C61-9E0B-2D7A4F1C8E93}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=hotich_desktop
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppFolder}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 (PySide6) runs on Windows 10 1809 and later
MinVersion=10.0.17763
OutputDir=..\..\dist\installer
OutputBaseFilename=hotich-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
CloseApplications=yes

[Languages]
#if FileExists(CompilerPath + "Languages\Unofficial\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Unofficial\Vietnamese.isl"
#elif FileExists(CompilerPath + "Languages\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
DesktopIcon=Tạo biểu tượng trên màn hình
SelfTest=Tự kiểm tra cài đặt
OpenApp=Mở chương trình
Uninstall=Gỡ cài đặt
DeleteData=Xóa luôn dữ liệu của chương trình?%n%n%1%n%nThư mục này chứa cơ sở dữ liệu và kho ảnh quét gốc. Chọn «Không» để giữ lại (nên giữ nếu sẽ cài lại).

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Dirs]
; The per-user data folder; never removed by the uninstaller on its own (see [Code]).
Name: "{#DataDir}"; Flags: uninsneveruninstall

[Files]
Source: "{#DistDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#DistDir}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#DistDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the whole program folder: no stale library from an older version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{#DataDir}"
Name: "{group}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" --self-test"; WorkingDir: "{#DataDir}"
Name: "{group}\{cm:Uninstall}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{#DataDir}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:OpenApp}"; Flags: nowait postinstall skipifsilent

[Code]
{ The database, the archive of original scans, the PDFs and exports live in the data folder. Uninstalling keeps
  them unless the clerk answers Yes (default No); a silent uninstall never deletes them. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Data: String;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  Data := ExpandConstant('{#DataDir}');
  if UninstallSilent() or (not DirExists(Data)) then
    exit;
  if MsgBox(FmtMessage(CustomMessage('DeleteData'), [Data]), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
  begin
    DelTree(Data, True, True, True);
    RegDeleteKeyIncludingSubkeys(HKCU, 'Software\hotich\hotich_desktop');
  end;
end;
