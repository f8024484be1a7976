# The bot's own messages in English. Placeables are filled in by src/bot/*.ts;
# HTML tags are Telegram HTML. Keep every message of ru.ftl here too.

language-name = English

cmd-start = What I know and how to ask
cmd-help = How to use this bot
cmd-ask = Ask a question (needed in groups): /ask who met whom?
cmd-sources = The sources of my last answer again
cmd-source = One source of my last answer in full: /source 2
cmd-reset = Forget this conversation and start afresh
cmd-language = Choose the language of my replies: /language ru
cmd-stats = Index size, last ingest, questions answered, latency
cmd-reindex = Re-read the article folders and rebuild the index
cmd-rollback = Return to the index before the last ingest
cmd-add = Ingest an article, or subscribe a feed or sitemap: /add <url>
cmd-subscriptions = The subscribed sources, their last refresh and errors

start-intro = <b>Hello! I answer questions about meetings</b> — heads of state meeting, officials' calls, committee sessions — from news articles and official readouts, and I cite the exact paragraphs I used.
start-known = I know <b>{ $count }</b> { $count ->
    [one] article
   *[other] articles
  }{ $range }.
start-range-one = { " " }from { $from }
start-range = { " " }dated { $from } to { $to }
start-try = Try asking:
start-private = Just type a question. Follow-ups work too (“and what did they announce?”); /reset forgets the conversation.
start-group = In this group, mention me (@{ $username }), reply to one of my messages, or use /ask.
start-help = /help lists every command.
start-english = I search English articles: ask in English.

help-title = <b>How to ask</b>
help-private = Type a question, e.g. <i>When did Biden last meet Kishida?</i> Follow-ups use the conversation so far.
help-group = In groups: mention me (@{ $username } your question), reply to one of my messages, or use /ask your question.
help-citations = Answers carry numbered citations [1], [2]…; the buttons under an answer show each source paragraph in full.
help-commands = <b>Commands</b>
help-admin = <b>Admin</b>

ask-empty-private = What would you like to know? Just type it, for example: /ask { $example }
ask-empty-group = What would you like to know? Mention me (@{ $username }) or use /ask, for example: /ask { $example }
abstention = I couldn't find this in the articles I have.
unsearchable-language = I can only search English articles; ask in English, for example: { $example }
translation-note = (Translated from English; the sources are quoted as written.)
reset-done = Done — I've forgotten this conversation. Your next question starts afresh.
no-sources-yet = I have no sources to show yet: ask a question first.
sources-for = Sources for “{ $question }”
source-numbers = My last answer has sources { $numbers }. Try /source { $first }.
unknown-command = I don't know that command. /help lists what I can do.
text-only = I can only read text messages. Type your question, for example: { $example }

sources-heading = <b>Sources</b>
source-paragraph = paragraph { $n }
source-open = Open the article
source-id = Source: { $source }
stale-button = That button belongs to an older answer whose sources I no longer keep. Ask the question again for fresh sources.
unknown-button = That button no longer does anything. Ask me a question for fresh sources.

error = Sorry, something went wrong while I was answering. Please try again in a moment.
rate-limited = You're asking faster than I can keep up with (at most { $limit } messages every { $seconds } seconds). Please wait a moment, then ask again.
not-allowed = Sorry, this bot only answers people and chats its admins have allowed.
not-allowed-id = { " " }Your Telegram id is { $id }; an admin can add it to the allow-list.
admin-only = Sorry, /{ $command } is only for this bot's admins.

language-current = I reply in { $name }. Choose another: { $choices }
language-set = Done: I'll reply in { $name } in this chat.
language-unknown = I don't speak “{ $code }”. Choose one of: { $choices }
