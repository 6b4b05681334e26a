# Namen der Themen (`topics` der Erklärseiten): Die Startseite ordnet jede Erklärung ihrem ersten Thema zu.

topic-your-data = Ihre Daten
topic-security = Kontosicherheit
topic-your-rights = Ihre Rechte
topic-access = Wer Zugriff hat
topic-controls = Ihre Einstellungen
topic-account = Ihr Konto
topic-reporting = Meldungen
topic-consent = Einwilligung
topic-contact = Kontakt
