// Pictures picked for an attempt's next follow-up, handed to its run when it starts. The follow-up
// path carries text only, so the run takes them from here (by attempt) as it begins.
import type { ImageAttachment } from '$lib/core/model';
import { SvelteMap } from 'svelte/reactivity';

class PendingImages {
	#byAttempt = new SvelteMap<string, ImageAttachment[]>();

	get(attemptId: string): ImageAttachment[] {
		return this.#byAttempt.get(attemptId) ?? [];
	}

	set(attemptId: string, images: ImageAttachment[]): void {
		if (images.length) this.#byAttempt.set(attemptId, images);
		else this.#byAttempt.delete(attemptId);
	}

	/** The images for the attempt's run now starting, removed from here (a plain copy). */
	take(attemptId: string): ImageAttachment[] | undefined {
		const images = this.#byAttempt.get(attemptId);
		this.#byAttempt.delete(attemptId);
		return images?.map((image) => ({ ...image }));
	}
}

export const pendingImages = new PendingImages();
