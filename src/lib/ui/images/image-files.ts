// Reading pictures the user pastes, drops or picks into what a message carries: PNG, JPEG, WebP
// or GIF, each at most MAX_IMAGE_BYTES (they travel base64 in every request and sit in the log),
// at most MAX_IMAGES a message. A file that does not fit gets a message that says why.
import type { ImageAttachment } from '$lib/core/model';

export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
export const MAX_IMAGES = 4;
const TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

export type ImageRead = { images: ImageAttachment[]; problems: string[] };

export async function readImages(files: readonly File[], already: number): Promise<ImageRead> {
	const images: ImageAttachment[] = [];
	const problems: string[] = [];
	for (const file of files) {
		const name = file.name || 'pasted image';
		if (!TYPES.includes(file.type)) {
			problems.push(`${name} is not a PNG, JPEG, WebP or GIF image.`);
			continue;
		}
		if (file.size > MAX_IMAGE_BYTES) {
			problems.push(
				`${name} is ${megabytes(file.size)}; images are capped at ${megabytes(MAX_IMAGE_BYTES)} each. Crop or shrink it.`
			);
			continue;
		}
		if (already + images.length >= MAX_IMAGES) {
			problems.push(`At most ${MAX_IMAGES} images go with one message; ${name} was left out.`);
			continue;
		}
		images.push({
			mediaType: file.type as ImageAttachment['mediaType'],
			dataUrl: await dataUrlOf(file),
			name,
			bytes: file.size
		});
	}
	return { images, problems };
}

function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function dataUrlOf(file: File): Promise<string> {
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => resolve(String(reader.result));
		reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
		reader.readAsDataURL(file);
	});
}

/** The image files of a paste or a drop (a paste of text alone has none). */
export function imageFilesOf(data: DataTransfer | null): File[] {
	if (!data) return [];
	return [...data.files].filter((file) => file.type.startsWith('image/'));
}
