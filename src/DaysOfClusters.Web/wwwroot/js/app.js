// Small helpers the Blazor pages call; kept framework-free.
window.docApp = {
  setTheme(theme) {
    document.cookie = `doc-theme=${theme}; path=/; max-age=31536000; samesite=lax`;
  },
  download(fileName, contentType, base64) {
    const link = document.createElement('a');
    link.href = `data:${contentType};base64,${base64}`;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
  },
};
