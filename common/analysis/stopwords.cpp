#include "analysis/stopwords.h"

namespace depeche::analysis {

const std::vector<std::string_view>& stopwords_for(std::string_view lang) {
  // Articles, pronouns, prepositions, conjunctions and the forms of être/avoir that carry no topic.
  static const std::vector<std::string_view> kFrench{
      "a",     "afin",   "ai",     "aie",   "ainsi", "alors",  "as",    "au",    "aucun",  "aussi",
      "autre", "aux",    "avaient", "avais", "avait", "avec",  "avez",  "avons", "c",      "ca",
      "car",   "ce",     "ceci",   "cela",  "celle", "celles", "celui", "ces",   "cet",    "cette",
      "ceux",  "chez",   "comme",  "d",     "dans",  "de",     "des",   "donc",  "dont",   "du",
      "elle",  "elles",  "en",     "entre", "es",    "est",    "et",    "etaient", "etais", "etait",
      "etant", "etes",   "etre",   "eu",    "eux",   "il",     "ils",   "j",     "je",     "l",
      "la",    "le",     "les",    "leur",  "leurs", "lui",    "m",     "ma",    "mais",   "me",
      "meme",  "memes",  "mes",    "moi",   "mon",   "n",      "ne",    "ni",    "nos",    "notre",
      "nous",  "on",     "ont",    "or",    "ou",    "par",    "pas",   "pour",  "qu",     "que",
      "quel",  "quelle", "quelles", "quels", "qui",  "s",      "sa",    "sans",  "se",     "sera",
      "ses",   "si",     "son",    "sont",  "sous",  "suis",   "sur",   "t",     "ta",     "te",
      "tes",   "toi",    "ton",    "tu",    "un",    "une",    "vos",   "votre", "vous",   "y"};
  static const std::vector<std::string_view> kEnglish{
      "a",    "an",   "and",  "are",  "as",   "at",    "be",   "been", "but",  "by",   "for",
      "from", "had",  "has",  "have", "he",   "her",   "his",  "i",    "in",   "is",   "it",
      "its",  "not",  "of",   "on",   "or",   "she",   "that", "the",  "their", "them", "they",
      "this", "to",   "was",  "we",   "were", "which", "who",  "will", "with", "you"};
  return lang == "en" ? kEnglish : kFrench;
}

}  // namespace depeche::analysis
