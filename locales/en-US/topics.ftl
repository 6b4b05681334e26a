# Topic names, for the `topics` of explainers: the home files each explainer under its first topic.

topic-your-data = Your data
topic-security = Account security
topic-your-rights = Your rights
topic-access = Who can access it
topic-controls = Your controls
topic-account = Your account
topic-reporting = Reporting
topic-consent = Consent
topic-contact = Contact
