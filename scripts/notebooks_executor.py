"""An nbconvert execute preprocessor that keeps the outputs the Deno kernel sends after a cell's idle status.

Why: the Deno kernel publishes `status: idle` from its server thread, while `execute_result` and
`display_data` come from the JavaScript runtime's thread; the two reach the IOPub socket in no fixed
order, and now and then idle goes out first (a result stamped 1-2 ms before the idle arrives after it).
nbclient ends a cell at its idle and drops every later message of that cell, so its output is lost.

This preprocessor routes each IOPub message to the cell whose request it answers, even after that cell's
idle, and before it finishes sends one more request (a flush barrier) and waits for that request's own
result: the kernel's runtime thread sends its messages one after another, so once the barrier's result has
arrived, every earlier output has too. No cell is run twice.

Use: PYTHONPATH=scripts jupyter nbconvert --to notebook \
       --Exporter.preprocessors='["notebooks_executor.OrderedExecutePreprocessor"]' ...
"""
import asyncio
import time

from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async, run_sync
from nbconvert.preprocessors import ExecutePreprocessor

BARRIER_CODE = '"sharecast: outputs flushed"'
BARRIER_TIMEOUT_SECONDS = 30


class OrderedExecutePreprocessor(ExecutePreprocessor):
    """ExecutePreprocessor whose outputs do not depend on the order of the kernel's IOPub messages."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.enabled = True
        self._cells_by_request = {}
        self.late_outputs = 0

    def _route_late(self, msg):
        target = self._cells_by_request.get(msg["parent_header"].get("msg_id"))
        if target is None or msg["msg_type"] in ("status", "execute_input"):
            return False
        cell, cell_index = target
        try:
            self.process_message(msg, cell, cell_index)
        except CellExecutionComplete:
            pass
        self.late_outputs += 1
        return True

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        self._cells_by_request[parent_msg_id] = (cell, cell_index)
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    return
            else:
                self._route_late(msg)

    async def _flush_barrier(self):
        barrier = await ensure_async(self.kc.execute(BARRIER_CODE, store_history=False))
        deadline = time.monotonic() + BARRIER_TIMEOUT_SECONDS
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError("notebooks_executor: the kernel sent no result for the flush barrier")
            try:
                msg = await asyncio.wait_for(ensure_async(self.kc.iopub_channel.get_msg(timeout=None)), left)
            except asyncio.TimeoutError:
                continue
            if msg["parent_header"].get("msg_id") == barrier:
                if msg["msg_type"] == "execute_result":
                    return
            else:
                self._route_late(msg)

    def preprocess(self, nb, resources=None, km=None):
        """As ExecutePreprocessor.preprocess, then the flush barrier before the kernel stops."""
        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self._cells_by_request = {}
        self.late_outputs = 0
        with self.setup_kernel():
            info_msg = self.wait_for_reply(self.kc.kernel_info())
            self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
            for index, cell in enumerate(self.nb.cells):
                self.preprocess_cell(cell, resources, index)
            run_sync(self._flush_barrier)()
        self.set_widgets_metadata()
        if self.late_outputs:
            self.log.info("notebooks_executor: %d output(s) arrived after their cell's idle status; kept" % self.late_outputs)
        return self.nb, self.resources
