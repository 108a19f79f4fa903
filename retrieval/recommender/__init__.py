"""Product recommendation: a sequential next-item model (SASRec tied to text), baselines, the in-chat head."""
