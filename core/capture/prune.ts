// Precision inside the chosen article block: what extractors keep besides the article.
export function pruneArticle(root: Element): void {
  void root;
}
