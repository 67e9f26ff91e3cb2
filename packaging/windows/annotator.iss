; Inno Setup 6 script: a Windows installer for the folder scripts/build-app.sh makes (dist\annotator\).
; Build on Windows, from the checkout:  iscc packaging\windows\annotator.iss   (see packaging\README.md)
; The result is dist\annotator-0.1.0-setup.exe. Installs per user by default (no administrator rights needed, as
; reviewers on a managed laptop often have none); an administrator can choose "for all users".

#define AppName "annotator"
#define AppVersion "0.1.0"
#define AppId "{{5B0C3E1E-6A2D-4F7B-9C1A-2E7D9F4A8B31}"
#define Root "..\.."

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=annotator
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=annotator-{#AppVersion}-setup
SetupIconFile={#Root}\packaging\icons\annotator.ico
UninstallDisplayIcon={app}\annotator.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\annotator\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\annotator.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\annotator.exe"; Tasks: desktopicon

[Registry]
; "Open with annotator" for PDF files (it does not take over the default PDF reader).
Root: HKA; Subkey: "Software\Classes\Applications\annotator.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\annotator.exe\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\annotator.exe\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\annotator.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "annotator.pdf"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\annotator.pdf"; ValueType: string; ValueName: ""; ValueData: "PDF (annotator)"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\annotator.pdf\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\annotator.exe,0"
Root: HKA; Subkey: "Software\Classes\annotator.pdf\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\annotator.exe"" ""%1"""

[Run]
Filename: "{app}\annotator.exe"; Parameters: "--sample"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
