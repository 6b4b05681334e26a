# UI strings of the default theme for British English (en-GB).
# Only what differs from en-US is defined here; the rest falls back to en-US.

chooser-tagline = Privacy and data explainers for readers in the United Kingdom.
home-intro = { $framing ->
    [transparency] Where your data lives, who can see it, and how to check for yourself.
    [regulatory] How we meet UK data protection law, and the rights it gives you.
    [accountability] What we do when something goes wrong, and who answers for it.
    [reputation] How we protect your data, and how that is checked.
   *[control] The settings you control, and what each one changes.
}
