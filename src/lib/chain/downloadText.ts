/** Parameters of {@link downloadText}. */
export type DownloadTextParameters = { fileName: string; text: string; type?: string };

/** Saves text as a file through the browser's download (an object URL on a temporary link). */
export function downloadText({ fileName, text, type = 'application/json' }: DownloadTextParameters): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
