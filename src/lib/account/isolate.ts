/**
 * Wraps an email or phone number in Unicode isolates (FSI … PDI), so inside an Urdu sentence
 * it keeps its own left-to-right order and does not scramble the words around it.
 */
export function isolate(text: string): string {
	return `\u2068${text}\u2069`;
}
