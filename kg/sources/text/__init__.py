"""Reading articles: text extraction, sentences, entity mentions and claims."""
