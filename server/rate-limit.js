// A token bucket per client address: `burst` attempts at once, then `perMinute` refilled
// evenly. Used for WebSocket connection attempts and API calls. Old buckets are dropped so a
// stream of new addresses cannot grow the map without bound.
export class RateLimiter {
	/** @param {{ burst: number, perMinute: number }} options @param {() => number} [now] */
	constructor(options, now = () => Date.now()) {
		this.burst = Math.max(1, options.burst);
		this.perMs = Math.max(1, options.perMinute) / 60_000;
		this.now = now;
		/** @type {Map<string, { tokens: number, at: number }>} */
		this.buckets = new Map();
	}

	#bucket(key) {
		const t = this.now();
		let b = this.buckets.get(key);
		if (!b) {
			if (this.buckets.size >= 10_000) this.#sweep(t);
			b = { tokens: this.burst, at: t };
			this.buckets.set(key, b);
		}
		b.tokens = Math.min(this.burst, b.tokens + (t - b.at) * this.perMs);
		b.at = t;
		return b;
	}

	#sweep(t) {
		for (const [k, b] of this.buckets)
			if (b.tokens + (t - b.at) * this.perMs >= this.burst) this.buckets.delete(k);
		if (this.buckets.size >= 10_000) this.buckets.clear();
	}

	/** Take one attempt for `key`; false when its bucket is empty. */
	take(key) {
		const b = this.#bucket(key);
		if (b.tokens < 1) return false;
		b.tokens -= 1;
		return true;
	}

	/** Seconds until `key` may try again. */
	retryAfterSeconds(key) {
		const b = this.#bucket(key);
		return Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
	}
}
