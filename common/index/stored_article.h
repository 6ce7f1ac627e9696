// The article as kept in a Xapian document, so the archive can be printed back and rebuilt
// without its source files. Its fields go in the document data, a small JSON object read for every
// printed hit; its body goes LZ4-compressed in value slot kSlotBody, read only when it is printed
// or searched for a snippet. So a hit costs one small read, and the body is stored compressed once.
// LZ4 rather than zlib: a query inflates up to ten bodies, and zlib's inflate was 11 % of its time.
#ifndef DEPECHE_INCLUDED_INDEX_STORED_ARTICLE_H
#define DEPECHE_INCLUDED_INDEX_STORED_ARTICLE_H

#include "readers/article.h"

#include <xapian.h>

#include <string>

namespace depeche {

void store_article(const Article& a, Xapian::Document& doc);

// kWhenUntitled: an untitled article is shown by the first words of its body.
enum class WithBody { kNo, kYes, kWhenUntitled };
// How kSlotBody holds the body: zlib in schema version 2, LZ4 since version 3.
enum class BodyCodec { kZlib, kLz4 };
// The codec of a database's schema version, for --rebuild, which reads older ones.
BodyCodec body_codec_of(const Xapian::Database& db);
// Reads what store_article wrote, or the whole-article JSON data of schema version 1 (so that
// --rebuild carries an old database over). Throws depeche::Error when the document holds no article.
Article load_article(const Xapian::Document& doc, WithBody body = WithBody::kYes, BodyCodec codec = BodyCodec::kLz4);

// Every field of the article in one string, whatever the storage: what content hashes are taken of.
std::string canonical_form(const Article& a);

}  // namespace depeche

#endif
