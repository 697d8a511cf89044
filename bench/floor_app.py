"""Streamlit's floor: the least a Streamlit app can do in answer to a click.

One button; each click reruns the script and writes a heading. The heading carries a count so that
every click, not only the first, shows something new (bench/references.py waits for "Shown N").
"""

import streamlit as st

if st.button("Show"):
    st.session_state["shown"] = st.session_state.get("shown", 0) + 1
    st.subheader(f"Shown {st.session_state['shown']}")
