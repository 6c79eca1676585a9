#!/bin/sh
# Made once and committed: the tests read the outputs and never need LibreOffice.
# Run from this directory: sh make_files.sh   (LibreOffice 7+, `soffice` on PATH)
set -eu
out=$(mktemp -d)
# A Latvian locale, so the CSV exports write dates as DD.MM.YYYY and decimal commas.
export LC_ALL=lv_LV.UTF-8 LANG=lv_LV.UTF-8 2>/dev/null
# UTF-8 ';' CSV sources -> XLSX, read with a Latvian locale (1062) so that decimal commas and
# DD.MM.YYYY become number and date cells.
for name in applications organisations initiatives; do
  soffice --headless --infilter='CSV:59,34,76,1,,1062' --convert-to xlsx --outdir "$out" "sources/$name.csv" >/dev/null
done
cp "$out/applications.xlsx" applications_libreoffice.xlsx
cp "$out/initiatives.xlsx" initiatives_libreoffice.xlsx
# XLSX -> CSV in Windows-1257 (39) with ';' (59) as Latvian Excel/LibreOffice saves it.
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):59,34,39' --outdir "$out/cp" "$out/applications.xlsx" >/dev/null
cp "$out/cp/applications.csv" applications_libreoffice_cp1257.csv
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):59,34,39' --outdir "$out/cp" "$out/organisations.xlsx" >/dev/null
cp "$out/cp/organisations.csv" organisations_libreoffice_cp1257.csv
# XLSX -> CSV in UTF-8 (76) with ',' (44).
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$out/utf8" "$out/organisations.xlsx" >/dev/null
cp "$out/utf8/organisations.csv" organisations_libreoffice_utf8_comma.csv
# UTF-8 with BOM and tab separators, as Excel's "Unicode text" would, made with Python.
python3 -c "
import pathlib
text = pathlib.Path('sources/initiatives.csv').read_text(encoding='utf-8').replace(';', '\t')
pathlib.Path('initiatives_utf8_bom_tab.csv').write_bytes(b'\xef\xbb\xbf' + text.encode('utf-8'))
"
rm -rf "$out"
# Files written as Excel users send them, with Python: BOM + ',' + quoted decimal commas and
# non-breaking spaces between thousands; and the files with mistakes in them.
python3 - <<'PYEOF'
import pathlib

src = pathlib.Path("sources/applications.csv").read_text(encoding="utf-8")
rows = [line.split(";") for line in src.splitlines()]
def cell(value):
    value = value.replace("1 234,50", "1\u00a0234,50").replace("2 400,00", "2\u00a0400,00")
    return f'"{value}"' if ("," in value or '"' in value) else value
text = "\r\n".join(",".join(cell(v) for v in row) for row in rows) + "\r\n"
pathlib.Path("applications_utf8_bom_comma.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

pathlib.Path("applications_errors.csv").write_bytes("""\
Lietas numurs;Reģistrācijas nr.;Konkurss;Projekta nosaukums;Statuss;Piešķirtā summa;Izdevumu pozīcija;Daudzums;Vienības cena;Pieprasītā summa;Līdzfinansējums
ERR-1;40008012345;Pilsoniskās sabiedrības organizāciju projektu konkurss 2024;Derīgs pieteikums;Melnraksts;;Telpu īre;1;;500,00;0
ERR-2;40000000000;Pilsoniskās sabiedrības organizāciju projektu konkurss 2024;Nezināma organizācija;;;Telpu īre;1;;500,00;0
ERR-3;4000801234;Pilsoniskās sabiedrības organizāciju projektu konkurss 2024;Slikts reģistrācijas numurs;;;Telpu īre;1;;500,00;0
ERR-4;40008012345;Nezināms konkurss;Nezināms konkurss;;;Telpu īre;1;;500,00;0
ERR-1;40008012345;Pilsoniskās sabiedrības organizāciju projektu konkurss 2024;Derīgs pieteikums;Melnraksts;;Telpu īre;1;;500,00;0
ERR-5;40008012345;Pilsoniskās sabiedrības organizāciju projektu konkurss 2024;Summa bez centiem;Pabeigts;600,00;Telpu īre;1;;1.234,567;0
""".replace("\n", "\r\n").encode("cp1257"))

pathlib.Path("organisations_errors.csv").write_bytes("""\
Reģistrācijas nr.,Nosaukums,IBAN,Pašvaldība
40008012345,Biedrība “Saules stari”,LV80 BANK 0000 4351 9500 2,Liepāja
4000801234X,Biedrība “Kļūda”,,Liepāja
40008012345,Biedrība “Saules stari” atkārtoti,,Liepāja
40008077777,Biedrība “Nekurienes”,,Atlantīda
""".encode("utf-8"))
PYEOF
