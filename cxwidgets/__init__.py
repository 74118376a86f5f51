"""cxwidgets: a Jupyter workshop kit for customer-journey mapping.

Data flows one way: files -> model -> charts/widgets -> exports. This top-level module
stays tiny so that a participant's Voila kernel can import it cheaply; heavy modules
(pandas, altair) are imported only where they are used.
"""

from cxwidgets.exceptions import CxError

__version__ = "0.1.0"

__all__ = ["CxError", "__version__"]
