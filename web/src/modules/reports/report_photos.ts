// Photos of a report, prepared on the device: a photo larger than 2048 px on its longer side (or
// over 3 MB) is drawn into a canvas and sent as a JPEG of at most 2048 px, which saves the
// citizen's data volume and drops the camera's metadata already here (the server re-encodes
// anyway). Each gets a small thumbnail as a data: URL, since the app's Content-Security-Policy
// allows images from 'self', data: and https: only (no blob: URLs).

export interface PreparedPhoto {
  /** The image bytes, base64 (standard alphabet), as POST …/reports takes them. */
  base64: string;
  /** A small JPEG (≤ 240 px) as a data: URL, for the thumbnails. */
  thumbnail: string;
  /** Size in bytes of what is sent. */
  bytes: number;
  name: string;
}

const maxSide = 2048;
const maxBytesAsIs = 3 * 1024 * 1024;
const thumbnailSide = 240;

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsDataURL(blob);
  });
}

function canvasOf(image: ImageBitmap, side: number): HTMLCanvasElement {
  const scale = Math.min(1, side / Math.max(image.width, image.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(image.width * scale));
  canvas.height = Math.max(1, Math.round(image.height * scale));
  const context = canvas.getContext("2d");
  if (context === null) throw new Error("no 2d canvas");
  // A transparent PNG would turn black as JPEG.
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob === null ? reject(new Error("no JPEG")) : resolve(blob)), "image/jpeg", quality),
  );
}

/** Reads a chosen image; throws when the browser cannot decode it (not an image). */
export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  const image = await createImageBitmap(file);
  try {
    const large = Math.max(image.width, image.height) > maxSide || file.size > maxBytesAsIs;
    const sent = large ? await toJpeg(canvasOf(image, maxSide), 0.85) : file;
    const dataUrl = await readAsDataUrl(sent);
    const thumbnail = canvasOf(image, thumbnailSide).toDataURL("image/jpeg", 0.8);
    return { base64: dataUrl.slice(dataUrl.indexOf(",") + 1), thumbnail, bytes: sent.size, name: file.name };
  } finally {
    image.close();
  }
}
