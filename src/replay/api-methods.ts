/** Bot API methods that set the bot up or poll for updates: they say nothing about a conversation. */
export const BACKGROUND_METHODS: ReadonlySet<string> = new Set([
  "getUpdates",
  "getMe",
  "setMyCommands",
  "deleteMyCommands",
  "getMyCommands",
  "setWebhook",
  "deleteWebhook",
  "getWebhookInfo",
  "close",
  "logOut",
]);

/** Calls that change nothing a user sees: the background calls and the "typing…" action. */
export const INVISIBLE_METHODS: ReadonlySet<string> = new Set(["sendChatAction", ...BACKGROUND_METHODS]);
