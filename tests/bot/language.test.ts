/** Replies in the user's language (English, Russian), /language, and questions in a language the index cannot search. */
import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { ADMIN_COMMANDS, PUBLIC_COMMANDS, registerCommandMenu } from "../../src/bot/commands.js";
import { makeUser } from "../../src/telegram/index.js";
import { parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { createChatModel } from "../../src/retrieval/compose/llm.js";
import { createQuestionTranslator } from "../../src/retrieval/compose/translate.js";
import { alice, createHarness, sentMessages, testServices } from "../helpers/bot-harness.js";
import { startFakeLlmServer, type FakeLlmServer } from "../helpers/fake-llm-server.js";
import { createFixtureChain } from "../helpers/fixture-chain.js";

const withLanguage = (user: User, language_code: string): User => ({ ...user, language_code });
const ivan = withLanguage(makeUser(31, "Иван", "ivan"), "ru");
const hans = withLanguage(makeUser(32, "Hans", "hans"), "de");
const RUSSIAN_QUESTION = "Что Лукашенко предложил Азербайджану?";

const texts = async (h: ReturnType<typeof createHarness>, user: User, message: string) => sentMessages(await h.say(user, message)).map((m) => m.text);

let llm: FakeLlmServer | undefined;
afterEach(async () => {
  await llm?.close();
  llm = undefined;
});

describe("the bot's messages in the user's Telegram language", () => {
  it("speaks Russian to a Russian Telegram, English to others", async () => {
    const h = createHarness();
    const [start] = await texts(h, ivan, "/start");
    expect(start).toMatch(/^Здравствуйте! Я отвечаю на вопросы о встречах/);
    expect(start).toContain("Я знаю 3 статьи с 2 ноября 2023 г. по 10 апреля 2024 г.");
    expect(start).toMatch(/Я ищу по статьям на английском: задавайте вопросы по-английски\.$/);
    expect((await texts(h, ivan, "/help"))[0]).toMatch(/^Как спрашивать[\s\S]*\/language — Выбрать язык ответов/);
    expect(await texts(h, ivan, "football")).toEqual(["Я не нашёл этого в статьях, которые у меня есть."]);
    expect(await texts(h, ivan, "/reset")).toEqual(["Готово — я забыл этот разговор. Следующий вопрос начнёт его заново."]);
    // An English question is answered from the English articles, under a Russian heading; a source in full has Russian labels.
    const [answer] = await texts(h, ivan, "Lukashenko tractors");
    expect(answer).toMatch(/^Lukashenko met Aliyev in Baku[\s\S]*\nИсточники\n\[1\]/);
    const [detail] = sentMessages(await h.press(ivan, 1));
    expect(detail?.text).toContain("абзац 1");

    expect((await texts(h, hans, "/start"))[0]).toContain("I know 3 articles dated November 2, 2023 to April 10, 2024.");
    expect((await texts(h, hans, "/start"))[0]).toMatch(/^Hello! I answer questions about meetings[\s\S]*\/help lists every command\.$/);
    expect(await texts(h, hans, "football")).toEqual(["I couldn't find this in the articles I have."]);
  });

  it("/language changes the language of this chat, and says which ones there are", async () => {
    const h = createHarness();
    expect((await texts(h, alice, "/language"))[0]).toBe("I reply in English. Choose another: /language en (English), /language ru (русский)");
    expect(await texts(h, alice, "/language ru")).toEqual(["Готово: в этом чате я отвечаю на языке: русский."]);
    expect(await texts(h, alice, "football")).toEqual(["Я не нашёл этого в статьях, которые у меня есть."]);
    expect((await texts(h, alice, "/language xx"))[0]).toMatch(/^Я не знаю языка «xx»/);
    expect(await texts(h, alice, "/language en")).toEqual(["Done: I'll reply in English in this chat."]);
    expect((await texts(h, ivan, "/language en"))[0]).toBe("Done: I'll reply in English in this chat.");
    expect((await texts(h, ivan, "/start"))[0]).toMatch(/^Hello!/);
  });

  it("registers the command menu in each language", async () => {
    const h = createHarness();
    await registerCommandMenu(h.bot.api, [99], createLogger("silent"));
    expect(h.telegram.commands()).toEqual(PUBLIC_COMMANDS);
    expect(h.telegram.commands(undefined, "ru")?.find((c) => c.command === "reset")?.description).toBe("Забыть этот разговор и начать заново");
    expect(h.telegram.commands({ type: "chat", chat_id: 99 }, "ru")).toHaveLength(PUBLIC_COMMANDS.length + ADMIN_COMMANDS.length);
  });
});

describe("a question in a language the index cannot search", () => {
  it("without an LLM: an honest reply in the question's language, not 'I couldn't find this'", async () => {
    const { chain, inputs } = createFixtureChain();
    const h = createHarness({ services: testServices({ chain }) });
    const [reply] = await texts(h, alice, RUSSIAN_QUESTION);
    expect(reply).toBe("Я умею искать только по статьям на английском; задайте вопрос по-английски, например: When did Biden last meet Kishida?");
    expect(inputs).toEqual([]);
  });

  it("with an LLM: translated for the search, answered in the question's language with the same citations", async () => {
    llm = await startFakeLlmServer({
      responder: (request) => {
        if (request.lastUserMessage === RUSSIAN_QUESTION) return "What did Lukashenko offer Azerbaijan?";
        if (request.lastUserMessage.startsWith(`Question: ${RUSSIAN_QUESTION}`)) {
          expect(request.lastUserMessage).toContain("Lukashenko met Aliyev in Baku and offered Azerbaijan tractors");
          return "Лукашенко встретился с Алиевым в Баку и предложил Азербайджану тракторы, автобусы и сельхозтехнику. [1] Алиев сказал, что торговля выросла на 30%. [2]";
        }
        return undefined;
      },
    });
    const llmConfig = parseConfig({ READOUT_LLM: "openai", READOUT_LLM_BASE_URL: llm.openaiBaseUrl }).llm;
    const translator = createQuestionTranslator(createChatModel(llmConfig)!, llmConfig.timeoutMs);
    const { chain, inputs } = createFixtureChain();
    const h = createHarness({ services: { ...testServices({ chain }), translator } });

    const calls = await h.say(alice, RUSSIAN_QUESTION);
    const [answer] = sentMessages(calls);
    expect(inputs.map((input) => input.question)).toEqual(["What did Lukashenko offer Azerbaijan?"]);
    expect(answer?.text).toMatch(/^Лукашенко встретился с Алиевым в Баку .* \[1\] Алиев .* \[2\]\s+Источники\n\[1\] Lukashenko offers Azerbaijan/);
    expect(answer?.text).toContain("(Переведено с английского; источники процитированы как есть.)");
    const buttons = (answer!.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text.slice(0, 6))).toEqual(["[1] ¶1", "[2] ¶2"]);
    expect(llm.chatRequests()).toHaveLength(2);
  });

  it("with an LLM whose translation loses a citation marker: the English answer, still cited", async () => {
    llm = await startFakeLlmServer({
      responder: (request) => (request.lastUserMessage === RUSSIAN_QUESTION ? "What did Lukashenko offer Azerbaijan?" : "Лукашенко предложил тракторы."),
    });
    const llmConfig = parseConfig({ READOUT_LLM: "openai", READOUT_LLM_BASE_URL: llm.openaiBaseUrl }).llm;
    const translator = createQuestionTranslator(createChatModel(llmConfig)!, llmConfig.timeoutMs);
    const h = createHarness({ services: { ...testServices(), translator } });
    const [answer] = await texts(h, alice, RUSSIAN_QUESTION);
    expect(answer).toMatch(/^Lukashenko met Aliyev in Baku .*\[1\][\s\S]*Источники/);
    expect(answer).not.toContain("Переведено");
  });
});
