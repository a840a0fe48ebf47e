/** `text` cut to at most `max` characters, with an ellipsis where it was cut: for echoing what someone sent. */
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
