### Website-Texte für Deutsch in Deutschland (de-DE).
### Was hier nicht definiert ist, fällt auf locales/en-US/site.ftl zurück.
### -brand wird bewusst nicht definiert: Der Markenname wird nicht übersetzt.
###
### Hinweise für Übersetzerinnen und Übersetzer:
### - IDs, die mit „-“ beginnen, sind Begriffe (Terms): Namen und Wendungen, die
###   mitten im Satz wiederverwendet werden, hier und in den Erklärseiten
###   (content/explainers/*.de.md).
### - Jede Nachricht erhält $market (hier „de“) und $framing (hier „regulatory“).
###   Nur den Text übersetzen: IDs, Variablennamen und die Schlüssel in
###   [eckigen Klammern] nie ändern.
### - Begriffe enthalten bewusst keinen Artikel, weil er im Deutschen je nach
###   Fall wechselt (die/der DSGVO). Der Artikel steht im Satz der Erklärseite.
### - Anrede: Sie. Anführungszeichen: „…“.

## Begriffe

# Das in Deutschland geltende Datenschutzrecht, als bloßer Name ohne Artikel.
# Die Erklärseiten setzen den Artikel selbst, z. B. „Nach der { -privacy-law }
# haben Sie das Recht …“, „im Einklang mit der { -privacy-law }“,
# „Die { -privacy-law } verpflichtet …“. Der Begriff muss also weiblich und
# Singular bleiben (die Datenschutz-Grundverordnung). Wer ihn ändert, muss
# diese Sätze in allen *.de.md-Dateien prüfen.
-privacy-law = DSGVO

# Das deutsche Gesetz, das die DSGVO ergänzt, ohne Artikel (das BDSG).
# Eigener Begriff dieser Sprachversion, verwendet in
# where-your-data-is-stored.de.md: „nach der DSGVO und dem { -privacy-law-national }“.
-privacy-law-national = Bundesdatenschutzgesetz (BDSG)

# Die Aufsichtsbehörde für den Datenschutz, ohne Artikel. In Deutschland ist je
# nach Fall eine Landesdatenschutzbehörde oder die bzw. der BfDI zuständig, daher
# schreiben die Sätze allgemein „bei der zuständigen { -regulator }“.
# Der Begriff muss weiblich und Singular bleiben.
-regulator = Datenschutzaufsichtsbehörde

## Nachrichten

# Name der Hilfe-Website, im Satz verwendet: „Im Hilfe-Center können Sie …“.
help-center = Hilfe-Center

# Schlusssatz mehrerer Erklärseiten, der auf die richtige Anlaufstelle verweist.
# Jede Variante nennt dieselben Fakten: das Datenschutzteam (in der App unter
# Einstellungen und dann Datenschutz), den Datenschutzbeauftragten (Kontaktdaten
# in der Datenschutzerklärung) und die { -regulator }, falls unsere Antwort nicht
# genügt. Der Ansatz (framing) des Markts ändert nur, was zuerst kommt:
# „regulatory“ beginnt mit den Rechten, „accountability“ damit, wer antwortet,
# „control“ mit den Einstellungen.
# „Einstellungen“ und „Datenschutz“ sind die Namen der Bildschirme in der App:
# Sie müssen zu den Pfaden der Erklärseiten passen (**Einstellungen > Datenschutz**).
help-contact = { $framing ->
    [regulatory] Fragen zu Ihren Rechten? Wenden Sie sich an unseren Datenschutzbeauftragten, über die Kontaktdaten in unserer Datenschutzerklärung, oder an unser Datenschutzteam unter Einstellungen und dann Datenschutz. Wenn Sie mit unserer Antwort nicht zufrieden sind, können Sie sich bei der zuständigen { -regulator } beschweren.
    [accountability] Fragen zu Ihren Daten? Unser Datenschutzteam beantwortet sie: Sie erreichen es unter Einstellungen und dann Datenschutz. Oder schreiben Sie unserem Datenschutzbeauftragten, über die Kontaktdaten in unserer Datenschutzerklärung. Wenn Sie mit unserer Antwort nicht zufrieden sind, können Sie sich bei der zuständigen { -regulator } beschweren.
    [control] Sie können Ihre Datenschutzeinstellungen jederzeit wieder ändern. Bei Fragen erreichen Sie unser Datenschutzteam unter Einstellungen und dann Datenschutz, oder Sie schreiben unserem Datenschutzbeauftragten über die Kontaktdaten in unserer Datenschutzerklärung. Wenn Sie mit unserer Antwort nicht zufrieden sind, können Sie sich bei der zuständigen { -regulator } beschweren.
   *[other] Fragen zu Ihren Daten? Unser Datenschutzteam erreichen Sie jederzeit unter Einstellungen und dann Datenschutz, unseren Datenschutzbeauftragten über die Kontaktdaten in unserer Datenschutzerklärung. Wenn Sie mit unserer Antwort nicht zufrieden sind, können Sie sich bei der zuständigen { -regulator } beschweren.
}
