/**
 * V8 flags for a process that runs the analysis pipeline (the app's analysis job processes and
 * the CLI). The job's main thread allocates almost no JS objects per frame but reads ~0.5 MB of
 * ffmpeg output a frame as 64 KiB Buffers whose memory lives outside the JS heap. With V8's
 * default young generation (it grows to 16 MB semi-spaces) scavenges come seconds apart, tens of
 * MB of dead Buffers wait for them, and glibc keeps the freed memory: RSS climbed ~35 MB over
 * 20,000 frames before levelling off. A 1 MB semi-space collects them every few frames — the
 * main thread has time to spare while the model runs — and RSS stays flat
 * (`rinkside bench analyze --soak`, docs/benchmarks.md).
 */
export const ANALYSIS_V8_FLAGS: readonly string[] = ['--max-semi-space-size=1'];
