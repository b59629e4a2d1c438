from setuptools import setup

setup(name="forecast", version="0.1.0", install_requires=["pandas", "mypy-extensions"])
