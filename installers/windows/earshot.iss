; Inno Setup 6 script for Earshot: a per-user install (no administrator rights), a Start-menu entry and an
; uninstaller. Build the PyInstaller bundle first, then compile this script (paths are relative to this file):
;
;     pyinstaller installers\earshot.spec --noconfirm --distpath dist --workpath build
;     iscc /DAppVersion=0.1.0 installers\windows\earshot.iss
;
; Produces dist\Earshot-<version>-windows-x64-setup.exe. Inno Setup 6.3 or later (x64compatible identifiers).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Earshot"
#define AppExe "Earshot.exe"
#define BundleDir "..\..\dist\Earshot"

[Setup]
; AppId identifies the app to Windows' uninstall list and to upgrades: never change it.
AppId={{5E3C7A2B-8F41-4C6D-9B1E-2A7D0C4F6E83}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Earshot
VersionInfoVersion={#AppVersion}
; Per user: lowest privileges, so {autopf} is %LOCALAPPDATA%\Programs and {autoprograms} the user's Start menu.
; The user may still choose an all-users install in the dialog (it then asks for elevation).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\..\resources\icons\earshot.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole onedir bundle: Earshot.exe and _internal\ (Python, Qt, resources).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle wholesale, so files a newer build no longer ships do not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes {app} only. Workspaces live in %LOCALAPPDATA%\earshot and secrets in Windows
; Credential Manager; both stay, so a reinstall finds them again.
