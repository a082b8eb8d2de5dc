// Camera access for the token scanner: only what the browser alone can do. Frames leave as 8-bit grayscale
// streams (a frame is far over SignalR's 32 KB message limit); decoding happens on the server.

const sessions = new WeakMap();
// Every open session, so stop() can release the camera even when the dialog's video element is already gone from the
// page (a closed dialog's element reference then resolves to null).
const live = new Set();

function stopTracks(stream) {
    if (stream) {
        for (const track of stream.getTracks()) {
            track.stop();
        }
    }
}

export async function start(video) {
    stop(video);
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        return { ok: false, error: 'insecure', message: 'The camera is only available over a secure (https) connection.' };
    }

    const session = { stopped: false, stream: null, canvas: null };
    sessions.set(video, session);
    live.add(session);
    try {
        const stream = await navigator.mediaDevices.getUserMedia({
            video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' },
            audio: false,
        });
        // The dialog may have closed while the browser was asking for permission.
        if (session.stopped) {
            stopTracks(stream);
            return { ok: false, error: 'other', message: 'The scanner was closed.' };
        }

        session.stream = stream;
        video.muted = true;
        video.playsInline = true;
        video.srcObject = stream;
        await video.play();
        return { ok: true, width: video.videoWidth, height: video.videoHeight };
    } catch (e) {
        stop(video);
        const name = e && e.name;
        const message = (e && e.message) || String(e);
        if (name === 'NotAllowedError' || name === 'SecurityError') {
            return { ok: false, error: 'denied', message };
        }
        if (name === 'NotFoundError' || name === 'OverconstrainedError') {
            return { ok: false, error: 'notfound', message };
        }
        return { ok: false, error: 'other', message };
    }
}

export function grab(video) {
    const session = sessions.get(video);
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (!session || session.stopped || !width || !height || video.readyState < 2) {
        return null;
    }

    if (!session.canvas) {
        session.canvas = document.createElement('canvas');
    }
    const canvas = session.canvas;
    if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
    }

    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(video, 0, 0, width, height);
    const rgba = context.getImageData(0, 0, width, height).data;
    const gray = new Uint8Array(width * height);
    // ITU-R BT.601 luma in fixed point.
    for (let i = 0, p = 0; p < gray.length; i += 4, p++) {
        gray[p] = (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29) >> 8;
    }
    return { width, height, data: DotNet.createJSStreamReference(gray) };
}

function end(session) {
    session.stopped = true;
    stopTracks(session.stream);
    session.stream = null;
    session.canvas = null;
    live.delete(session);
}

export function stop(video) {
    if (!video) {
        for (const session of [...live]) {
            end(session);
        }
        return;
    }

    const session = sessions.get(video);
    if (session) {
        end(session);
        sessions.delete(video);
    }
    if (video) {
        stopTracks(video.srcObject);
        video.srcObject = null;
    }
}
