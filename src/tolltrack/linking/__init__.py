"""The linking stage: claims across reports grouped into incidents."""
