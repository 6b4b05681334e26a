# Noms des thèmes (`topics` des explications) : l'accueil classe chaque explication sous son premier thème.

topic-your-data = Vos données
topic-security = Sécurité du compte
topic-your-rights = Vos droits
topic-access = Qui y a accès
topic-controls = Vos paramètres
topic-account = Votre compte
topic-reporting = Signalements
topic-consent = Consentement
topic-contact = Contact
