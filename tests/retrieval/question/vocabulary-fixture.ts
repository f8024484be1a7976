import type { Participant } from "../../../src/types/index.js";
import type { StoredArticle } from "../../../src/store/types.js";
import { buildVocabulary } from "../../../src/retrieval/question/vocabulary.js";

/** A stored article with only what the vocabulary reads. */
export function storedArticle(id: string, title: string, participants: Participant[], place?: string, lead = ""): StoredArticle {
  return {
    meta: { id, title, tags: [], participants, place, format: "markdown", publishedDate: "2023-01-13" },
    paragraphs: [lead],
    sourcePath: `/articles/${id}`,
    contentHash: id,
    ingestedAt: "2024-01-01T00:00:00Z",
  };
}

const biden = { name: "Joe Biden", title: "President", country: "United States" };
const kishida = { name: "Fumio Kishida", title: "Prime Minister", country: "Japan" };

/** A small index's worth of articles with the names the query tests ask about. */
export function sampleArticles(): StoredArticle[] {
  const articles: StoredArticle[] = [];
  for (let i = 0; i < 12; i++)
    articles.push(
      storedArticle(`biden-kishida-${i}.md`, "Readout of President Biden's Meeting with Prime Minister Kishida of Japan", [biden, kishida], "the White House"),
    );
  articles.push(storedArticle("kishida-only.md", "Prime Minister Kishida visits", [{ name: "Kishida", title: "Prime Minister", country: "Japan" }]));
  articles.push(
    storedArticle(
      "belarus.md",
      "Readout",
      [
        { name: "Alexander Lukashenko", title: "President", country: "Belarus" },
        { name: "Ilham Aliyev", title: "President", country: "Azerbaijan" },
      ],
      "Baku, Azerbaijan",
    ),
  );
  articles.push(storedArticle("ukraine.md", "Readout", [{ name: "Volodymyr Zelenskyy", title: "President", country: "Ukraine" }], "Kyiv"));
  articles.push(
    storedArticle("rice-austin.md", "Readout", [
      { name: "Susan Rice", title: "Domestic Policy Advisor" },
      { name: "Lloyd Austin", title: "Secretary of Defense" },
    ]),
  );
  articles.push(storedArticle("austin-2.md", "Readout", [{ name: "Lloyd Austin", title: "Secretary of Defense" }]));
  articles.push(storedArticle("xi.md", "Readout of President Biden's Call with President Xi Jinping of the People's Republic of China", []));
  articles.push(storedArticle("jill.md", "Readout", [{ name: "Jill Biden", title: "First Lady" }], "Hiroshima, Japan"));
  articles.push(storedArticle("yoon.md", "Readout", [{ name: "Yoon Suk Yeol", title: "President", country: "South Korea" }]));
  articles.push(storedArticle("macron.md", "Readout", [{ name: "Emmanuel Macron", title: "President", country: "France" }]));
  articles.push(storedArticle("may.md", "Readout", [{ name: "Theresa May", title: "Prime Minister", country: "United Kingdom" }]));
  articles.push(storedArticle("will.md", "Readout", [{ name: "George Will" }, { name: "Mark Power" }]));
  articles.push(
    storedArticle("harris.md", "Readout", [
      { name: "Kamala Harris", title: "Vice President", country: "United States" },
      { name: "Claudia Sheinbaum", title: "President", country: "Mexico" },
    ]),
  );
  articles.push(storedArticle("michel.md", "Readout", [{ name: "Charles Michel", title: "President of the European Council", country: "European Union" }]));
  articles.push(storedArticle("king.md", "Readout", [{ name: "Charles", title: "King", country: "United Kingdom" }]));
  articles.push(storedArticle("kim.md", "Readout", [{ name: "Walter Kim", title: "Reverend" }]));
  articles.push(
    storedArticle("sullivan-wang.md", "Readout", [
      { name: "Jake Sullivan", title: "National Security Advisor" },
      { name: "Wang Yi", title: "Director", country: "China" },
    ]),
  );
  articles.push(
    storedArticle(
      "lead.md",
      "Readout of a call",
      [],
      undefined,
      "National Security Advisor Jake Sullivan spoke today with Foreign Minister Penny Wong of Australia.",
    ),
  );
  return articles;
}

export const sampleVocabulary = () => buildVocabulary(sampleArticles());
