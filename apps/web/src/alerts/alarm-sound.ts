/**
 * The audible alarm: a Web Audio oscillator beeping a three-pulse pattern every 1.2 s while rung (no audio file).
 * Browsers start an AudioContext suspended until the page has had a user gesture; `blocked` reports that so the
 * console can ask for a click, and any click on the page resumes it.
 */
const PERIOD_MS = 1200;
const VOLUME = 0.12;
/** [start offset s, frequency Hz, duration s] */
const PATTERN: readonly (readonly [number, number, number])[] = [
  [0, 988, 0.16],
  [0.24, 988, 0.16],
  [0.48, 784, 0.28],
];

export class AlarmSound {
  private context: AudioContext | null = null;
  private timer: number | null = null;
  private lastBlocked = false;
  private readonly resumeOnGesture = () => void this.unlock();

  constructor(private readonly onBlockedChange: (blocked: boolean) => void) {
    window.addEventListener('pointerdown', this.resumeOnGesture, true);
    window.addEventListener('keydown', this.resumeOnGesture, true);
  }

  get ringing(): boolean {
    return this.timer !== null;
  }

  setRinging(on: boolean): void {
    if (on) this.start();
    else this.stop();
  }

  /** Resumes a suspended context (call from a user gesture). */
  async unlock(): Promise<void> {
    const context = this.context;
    if (context && context.state === 'suspended') {
      try {
        await context.resume();
      } catch {
        // still suspended; `blocked` stays true
      }
    }
    this.report();
  }

  dispose(): void {
    this.stop();
    window.removeEventListener('pointerdown', this.resumeOnGesture, true);
    window.removeEventListener('keydown', this.resumeOnGesture, true);
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private start(): void {
    if (this.timer !== null) return;
    const context = this.ensureContext();
    if (!context) return;
    this.timer = window.setInterval(() => this.playPattern(), PERIOD_MS);
    if (context.state === 'suspended') void this.unlock();
    this.playPattern();
    this.report();
  }

  private stop(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
    this.report();
  }

  private ensureContext(): AudioContext | null {
    if (this.context) return this.context;
    if (typeof AudioContext === 'undefined') return null;
    this.context = new AudioContext();
    this.context.addEventListener('statechange', () => this.report());
    return this.context;
  }

  private playPattern(): void {
    const context = this.context;
    if (!context || context.state !== 'running') return;
    const t0 = context.currentTime + 0.02;
    for (const [offset, frequency, duration] of PATTERN) this.beep(context, t0 + offset, frequency, duration);
  }

  private beep(context: AudioContext, at: number, frequency: number, duration: number): void {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = frequency;
    // A short attack and release: no clicks at the edges.
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(VOLUME, at + 0.01);
    gain.gain.setValueAtTime(VOLUME, at + duration - 0.02);
    gain.gain.linearRampToValueAtTime(0, at + duration);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + duration + 0.01);
  }

  private report(): void {
    const blocked = this.timer !== null && (this.context === null || this.context.state !== 'running');
    if (blocked !== this.lastBlocked) {
      this.lastBlocked = blocked;
      this.onBlockedChange(blocked);
    }
  }
}
