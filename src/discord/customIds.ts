/**
 * Button custom ids are `${command}:${action}:${key}…`, at most 100 characters: the command part
 * routes the click back to the command that attached the button.
 */
export function buttonId(command: string, ...parts: string[]): string {
  return [command, ...parts].join(':');
}

export function parseButtonId(customId: string): { command: string; parts: string[] } {
  const [command = '', ...parts] = customId.split(':');
  return { command, parts };
}
