import { Bot, GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { InProcessTelegram, groupChat, makeUser } from "../../src/telegram/index.js";

function setup() {
  const telegram = new InProcessTelegram({ now: () => 1_700_000_000_000 });
  const bot = new Bot("0:test", { botInfo: telegram.botInfo });
  bot.api.config.use(telegram.transformer);
  const calls: string[] = [];
  telegram.onCall((call) => calls.push(`${call.method}:${call.response.ok}`));
  return { telegram, api: bot.api, calls };
}

describe("InProcessTelegram", () => {
  it("answers sendMessage with a realistic message and tells listeners", async () => {
    const { telegram, api, calls } = setup();
    const group = groupChat(-100500, "G");
    const user = makeUser(7, "Uma");
    const question = telegram.userMessage({ from: user, chat: group, text: "@readout_bot hi" });
    const sent = await api.sendMessage(group.id, "<b>Hi</b> &amp; bye", {
      parse_mode: "HTML",
      reply_parameters: { message_id: question.message!.message_id },
    });
    expect(sent).toMatchObject({
      message_id: 2,
      chat: group,
      date: 1_700_000_000,
      text: "Hi & bye",
      entities: [{ type: "bold", offset: 0, length: 2 }],
      from: { id: telegram.botInfo.id, is_bot: true },
      reply_to_message: { message_id: 1, text: "@readout_bot hi" },
    });
    expect(question.message?.entities).toEqual([{ type: "mention", offset: 0, length: 12 }]);
    expect(calls).toEqual(["sendMessage:true"]);
  });

  it("refuses what Telegram refuses, with Telegram's errors", async () => {
    const { api } = setup();
    await expect(api.sendMessage(5, "<script>x</script>", { parse_mode: "HTML" })).rejects.toThrow(
      /Bad Request: can't parse entities: Unsupported start tag "script" at byte offset 0/,
    );
    await expect(api.sendMessage(5, "x".repeat(4097))).rejects.toThrow(/message is too long/);
    await expect(api.sendMessage(5, "x", { reply_markup: { inline_keyboard: [[{ text: "b", callback_data: "x".repeat(65) }]] } })).rejects.toThrow(
      /BUTTON_DATA_INVALID/,
    );
    const sent = await api.sendMessage(5, "same");
    await expect(api.editMessageText(5, sent.message_id, "same")).rejects.toThrow(/message is not modified/);
    await expect(api.editMessageText(5, 999, "x")).rejects.toThrow(/message to edit not found/);
    await expect(api.answerCallbackQuery("nope")).rejects.toThrow(/query ID is invalid/);
    await expect(api.sendChatAction(5, "dancing" as never)).rejects.toThrow(/wrong parameter action/);
    await expect(api.getUpdates()).rejects.toThrow(GrammyError);
    await expect(api.sendPhoto(5, "file-id")).rejects.toThrow(/not emulated/);
  });

  it("edits messages, dropping the keyboard when an edit has none, as Telegram does", async () => {
    const { telegram, api } = setup();
    const sent = await api.sendMessage(5, "one", { reply_markup: { inline_keyboard: [[{ text: "b", callback_data: "d" }]] } });
    const edited = await api.editMessageText(5, sent.message_id, "two");
    expect(edited).toMatchObject({ text: "two", edit_date: 1_700_000_000 });
    expect(telegram.message(5, sent.message_id)?.reply_markup).toBeUndefined();
  });

  it("builds button presses from the bot's keyboards and records their answers", async () => {
    const { telegram, api } = setup();
    const user = makeUser(5, "Fay");
    await api.sendMessage(5, "pick", {
      reply_markup: {
        inline_keyboard: [
          [
            { text: "A", callback_data: "a" },
            { text: "B", callback_data: "b" },
          ],
        ],
      },
    });
    const update = telegram.pressButton({ from: user, chatId: 5, index: 2 });
    expect(update.callback_query).toMatchObject({ data: "b", from: user, message: { text: "pick" } });
    await api.answerCallbackQuery(update.callback_query!.id, { text: "ok" });
    expect(telegram.callbackAnswer(update.callback_query!.id)).toEqual({ text: "ok" });
    await expect(api.answerCallbackQuery(update.callback_query!.id)).rejects.toThrow(/too old/);
    expect(() => telegram.pressButton({ from: user, chatId: 5, index: 3 })).toThrow(/no button 3/);
  });
});
