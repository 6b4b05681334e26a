# Nombres de los temas (`topics` de las explicaciones): el inicio agrupa cada explicación bajo su primer tema.

topic-your-data = Tus datos
topic-security = Seguridad de la cuenta
topic-your-rights = Tus derechos
topic-access = Quién tiene acceso
topic-controls = Tus controles
topic-account = Tu cuenta
topic-reporting = Reportes
topic-consent = Consentimiento
topic-contact = Contacto
