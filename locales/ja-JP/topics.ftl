# トピック名（解説の `topics`）。ホームでは、各解説を最初のトピックの下に並べます。

topic-your-data = あなたのデータ
topic-security = アカウントの安全
topic-your-rights = あなたの権利
topic-access = アクセスできる人
topic-controls = 設定と管理
topic-account = アカウント
topic-reporting = 報告
topic-consent = 同意
topic-contact = お問い合わせ
