### Site messages for British English (en-GB).
### Only what differs from en-US is defined here; everything else falls back
### to locales/en-US/site.ftl.

## Terms

# The laws that apply to personal data in the UK. Used in the middle of a
# sentence, for example "Under the UK GDPR and the Data Protection Act 2018, ...".
-privacy-law = the UK GDPR and the Data Protection Act 2018

# The UK's data protection regulator, used in the middle of a sentence.
-regulator = the Information Commissioner's Office (ICO)

## Messages

# British spelling.
help-center = Help Centre
