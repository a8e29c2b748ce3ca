"""Sound: the bell player (``player``), which file a cue plays (``files``),
the SDL device (``mixer``) and the shaping of decoded samples (``pcm``).

Nothing here imports pygame until a device is opened.
"""
